import type { LookupFunction } from 'node:net';
import tls from 'node:tls';

/**
 * The server's address and TLS certificate for the evidence when the browser cannot tell them: with the
 * SSRF guard on, every exchange goes through Playwright's route.fetch and reaches the page as a
 * fulfilled response, which has no remote address or security details. The probe resolves the host
 * with the guard's own lookup (so it can only reach a checked public address) and, for HTTPS, performs
 * one TLS handshake with that address and the host's name (SNI) to read the certificate it presents.
 */
export interface ServerEvidence {
  serverIp?: string | undefined;
  tls?: Record<string, unknown> | undefined;
}

const PROBE_TIMEOUT_MS = 8_000;

export async function probeServer(rawUrl: string, lookup: LookupFunction): Promise<ServerEvidence> {
  const url = new URL(rawUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const serverIp = await new Promise<string | undefined>((resolve) => {
    lookup(host, { all: false }, (error, address) => resolve(error || typeof address !== 'string' ? undefined : address));
  });
  if (!serverIp || url.protocol !== 'https:') return { serverIp };
  return { serverIp, tls: await certificateOf(serverIp, Number(url.port || 443), host) };
}

function certificateOf(address: string, port: number, servername: string): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve) => {
    // Not verifying here is deliberate: the evidence records what the server presented, valid or not.
    const socket = tls.connect({ host: address, port, servername: /^[\d.:]+$/.test(servername) ? undefined : servername, rejectUnauthorized: false, timeout: PROBE_TIMEOUT_MS });
    const done = (value: Record<string, unknown> | undefined) => {
      socket.destroy();
      resolve(value);
    };
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      if (!cert || !Object.keys(cert).length) return done({ protocol: socket.getProtocol() ?? undefined });
      done({
        protocol: socket.getProtocol() ?? undefined,
        subjectName: firstOf(cert.subject?.CN),
        issuer: firstOf(cert.issuer?.O) ?? firstOf(cert.issuer?.CN),
        validFrom: new Date(cert.valid_from).toISOString(),
        validTo: new Date(cert.valid_to).toISOString(),
        fingerprint256: cert.fingerprint256,
        subjectAltName: cert.subjectaltname,
        // Whether a browser would have trusted it, and why not.
        authorized: socket.authorized,
        ...(socket.authorizationError ? { authorizationError: String(socket.authorizationError) } : {}),
        source: 'probe',
      });
    });
    socket.once('timeout', () => done(undefined));
    socket.once('error', () => done(undefined));
  });
}

function firstOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
