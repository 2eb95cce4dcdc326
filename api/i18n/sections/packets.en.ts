import type { packetsVi } from './packets.vi.ts';

export const packetsEn: typeof packetsVi = {
  download: 'Download evidence packet',
  downloadHint: 'A signed WACZ: page archive, screenshots, the work\'s record, a PDF report, the custody log.',
  keyLink: "Department's public key",
  keyTitle: 'Evidence packet signing key',
  keyIntro:
    'Every evidence packet this system exports is signed by the Department with the ECDSA P-384 key below (an anonymous signature as in the WACZ Signing and Verification spec). Whoever receives a packet — a platform, a bailiff, a court — compares this fingerprint with the key in the packet\'s datapackage-digest.json.',
  fingerprint: 'SHA-256 fingerprint (of the SPKI DER key)',
  algorithm: 'Algorithm',
  pem: 'Public key (PEM)',
  spki: 'Public key (SPKI DER, base64) — the publicKey value in packets',
  downloadPem: 'Download the PEM file',
  howToVerify: 'How to check a packet',
  verifyCommand: 'Run this (no network or database needed); "intact" means every file and the signature check out:',
};
