import { createHash, randomBytes } from 'node:crypto';
import { CODE_RANDOM_BYTES, codeFromRandom, type Code, type CodeKind } from '../../domain/membership/codes';

/**
 * Codes are stored only as SHA-256 hashes of their canonical text. 60 random bits make a code impossible
 * to guess online (attempts are rate-limited) and expensive to recover from a stolen hash.
 */
export function codeHash(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** A fresh code from the machine's cryptographic random source. */
export function newCode(kind: CodeKind): Code {
  return codeFromRandom(kind, randomBytes(CODE_RANDOM_BYTES));
}
