/** One way of matching images in the quality bench: ipwatch's plugins, a peer, or either with ORB on top. */
export interface Method<H> {
  name: string;
  bits: number;
  /** The product's threshold; the peers have none, only the sweep's. */
  defaultThreshold?: number;
  register(jpeg: Buffer): Promise<H>;
  candidate(jpeg: Buffer): Promise<H>;
  /** Infinity when the pair can never match (a hash below the quality floor). */
  distance(candidate: H, work: H): number;
}
