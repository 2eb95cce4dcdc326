import { createRequire } from 'node:module';

/**
 * OpenCV's WASM build, loaded once per process. The module is an Emscripten object that is also a
 * thenable resolving to itself, so it must never be returned from an async function or awaited (that
 * loops forever); loadOpenCv resolves to nothing and openCv() hands the module out synchronously, which
 * keeps matching (matchCandidate) synchronous once startup has awaited the load.
 */

// The typings of @techstark/opencv-js describe the browser global; the few calls used here are typed
// at their use sites instead of pulling those typings into a strict build.
export type OpenCv = any;

let module: OpenCv | undefined;
let loading: Promise<void> | undefined;

export class OpenCvNotLoadedError extends Error {
  constructor() {
    super('OpenCV is not loaded: await loadOpenCv() before computing or verifying ORB features');
    this.name = 'OpenCvNotLoadedError';
  }
}

export function loadOpenCv(): Promise<void> {
  if (module) return Promise.resolve();
  loading ??= new Promise<void>((resolve, reject) => {
    try {
      const require = createRequire(import.meta.url);
      const before = new Set([...process.listeners('uncaughtException'), ...process.listeners('unhandledRejection')]);
      const cv = require('@techstark/opencv-js') as OpenCv;
      // Emscripten's Node shim installs handlers that rethrow every uncaught exception and abort the
      // WASM runtime on any unhandled rejection: the host process keeps its own error handling.
      for (const listener of process.listeners('uncaughtException')) if (!before.has(listener)) process.off('uncaughtException', listener);
      for (const listener of process.listeners('unhandledRejection')) if (!before.has(listener)) process.off('unhandledRejection', listener);
      const ready = () => {
        module = cv;
        resolve();
      };
      if (cv.Mat) ready();
      else cv.onRuntimeInitialized = ready;
    } catch (error) {
      loading = undefined;
      reject(error);
    }
  });
  return loading;
}

export function openCv(): OpenCv {
  if (!module) throw new OpenCvNotLoadedError();
  return module;
}

/** Deletes every OpenCV object given, whatever happened before: WASM memory is not garbage-collected. */
export function release(...objects: ({ delete(): void } | undefined)[]): void {
  for (const o of objects) o?.delete();
}
