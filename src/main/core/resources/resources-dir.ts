// Where core finds the files shipped beside the app (resources/ of the repository: the
// spell-check dictionaries). A packaged app has them in process.resourcesPath (electron-builder's
// extraResources, see electron-builder.ts); core never guesses from its own module path,
// because once bundled into out/main and the asar archive that path points nowhere. The
// hosts pass CoreOptions.resourcesDir; this default is for tests and tools run from the
// source tree.
import path from 'node:path';

/** The repository's resources/ folder, from this source file (src/main/core/resources/). */
export const REPO_RESOURCES_DIR = path.resolve(import.meta.dirname, '../../../../resources');
