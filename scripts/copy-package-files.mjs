// `prepack` of every workspace package: the repository's LICENSE and CHANGELOG.md go into the package
// folder so the tarball carries them (npm packs only what is inside the package). One source, no
// committed copies to keep in step; the copies are git-ignored.
import { copyFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const file of ['LICENSE', 'CHANGELOG.md']) await copyFile(join(root, file), join(process.cwd(), file));
