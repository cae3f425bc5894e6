/**
 * The core's public face for the two shells (electron/app and electron/headless).
 * Everything product-related lives behind `createCore`; the shells only carry calls and events.
 */
export { createCore } from './create-core';
export type { Core, CoreOptions } from './create-core';
export { DatabaseOpenError } from './db/open-database';
export { loadOrCreateKeyFile } from './secrets/key-file';
export { defaultDataDir } from './data-dir';
export type { MediaFile } from './media/media-files';
export { createLogger } from './logger';
export { installLastResort } from './last-resort';
export { bePrivateByDefault } from './data-dir-permissions';
