export default async function globalSetup(): Promise<void> {
  // Filled in by the database test support (migrated PGlite template).
}
