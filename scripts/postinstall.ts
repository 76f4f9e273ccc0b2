// Root postinstall: complete the lockfile for `npm ci` (see lockfile-platform-entries.ts), then
// generate the Prisma client (see prisma-generate.ts).
import './lockfile-platform-entries.ts'
import './prisma-generate.ts'
