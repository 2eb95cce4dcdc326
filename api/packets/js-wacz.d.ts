/** The parts of @harvard-lil/js-wacz 0.1.6 (plain JavaScript, no types) that packet.wacz.ts uses. */
declare module '@harvard-lil/js-wacz' {
  export interface WACZResource {
    name: string;
    path: string;
    hash: string;
    bytes: number;
  }
  export interface WACZOptions {
    input: string | string[];
    output: string;
    pagesDir?: string;
    url?: string;
    ts?: string;
    title?: string;
    description?: string;
    signingUrl?: string;
    datapackageExtras?: Record<string, unknown>;
    log?: { trace(...a: unknown[]): void; info(...a: unknown[]): void; warn(...a: unknown[]): void; error(...a: unknown[]): void };
  }
  export class WACZ {
    constructor(options: WACZOptions);
    resources: WACZResource[];
    datapackageDate: string | null;
    indexWARCPool: { destroy(): Promise<void> } | null;
    sha256: (file: string | Uint8Array) => Promise<string>;
    requestSignature: () => Promise<Record<string, unknown>>;
    addFileToZip: (file: string | Uint8Array, destination: string) => Promise<WACZResource>;
    process: (verbose?: boolean) => Promise<void>;
  }
}

declare module '@harvard-lil/js-wacz/utils/assertions.js' {
  export function assertValidWACZSignatureFormat(signedData: unknown): void;
}
