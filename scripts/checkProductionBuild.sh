#!/usr/bin/env bash
# Proves what the container's runtime stage relies on: the build in dist/ starts and answers a turn
# with production dependencies only (no jest; the Prisma CLI and TypeScript arrive as peers of
# production packages but are not used at run time).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT

[ -f "$root/dist/src/index.js" ] || (cd "$root" && npm run build >/dev/null)
cp "$root/package.json" "$root/package-lock.json" "$work/"
cp -r "$root/scripts" "$root/dist" "$work/"
mkdir -p "$work/prisma" && cp -r "$root/prisma/migrations" "$work/prisma/"
[ -d "$root/src/http/public" ] && mkdir -p "$work/src/http" && cp -r "$root/src/http/public" "$work/src/http/"
(cd "$work" && npm ci --omit=dev --no-audit --no-fund --loglevel=error >/dev/null)
for dev in jest ts-jest fast-check; do
  if [ -d "$work/node_modules/$dev" ]; then echo "dev dependency $dev was installed" >&2; exit 1; fi
done

port=$((20000 + RANDOM % 20000))
# Production without a bot registration is refused at start-up (channel authentication is not optional).
set +e
(cd "$work" && NODE_ENV=production PORT=$port HOST=127.0.0.1 DATABASE_URL=pglite:memory LOG_LEVEL=warn node dist/src/index.js) >/dev/null 2>&1
refused=$?
set -e
[ "$refused" -eq 2 ] || { echo "production without MicrosoftAppId started (exit $refused) instead of being refused" >&2; exit 1; }

# As the container runs by default: web chat only, so a turn goes through the self-hosted Direct Line.
(cd "$work" && NODE_ENV=production WEB_CHAT_ONLY=true PORT=$port HOST=127.0.0.1 DATABASE_URL=pglite:memory LOG_LEVEL=warn node dist/src/index.js) &
pid=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$port/readyz"
echo
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/messages" -H 'content-type: application/json' -d '{}')
case "$status" in 404|405) ;; *) echo "/api/messages answered $status in web-chat-only mode" >&2; exit 1 ;; esac
start=$(curl -sf -X POST "http://127.0.0.1:$port/v3/directline/conversations" -H 'content-type: application/json' -d '{"locale":"de-DE"}')
token=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).token)' "$start")
conversation=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).conversationId)' "$start")
curl -sf -X POST "http://127.0.0.1:$port/v3/directline/conversations/$conversation/activities" \
  -H "authorization: Bearer $token" -H 'content-type: application/json' -d '{"type":"message","text":"hilfe"}' >/dev/null
reply=$(curl -sf "http://127.0.0.1:$port/v3/directline/conversations/$conversation/activities" -H "authorization: Bearer $token")
echo "$reply" | grep -q 'Das können Sie mir schreiben' || { echo "no help reply over Direct Line: $reply" >&2; exit 1; }
# The dashboard is read from src/http/public/dashboard and its Teams SDK from production node_modules.
sdk=$(curl -sf "http://127.0.0.1:$port/dashboard/" | grep -o '/dashboard/vendor/teams-js-[0-9.]*\.min\.js')
curl -sf -o /dev/null "http://127.0.0.1:$port$sdk" || { echo "dashboard or its Teams SDK not served" >&2; exit 1; }
echo "production build answers with production dependencies only"
