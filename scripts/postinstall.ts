// Root postinstall: complete the lockfile for `npm ci` (see lockfile-optional-stubs.ts), then
// generate the Prisma client (see prisma-generate.ts).
import './lockfile-optional-stubs.ts'
import './prisma-generate.ts'
