import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AuditRepository } from '../../core/audit/audit.repository.ts';
import type { BlobRepository } from '../../core/blob/blob.repository.ts';
import type { Config } from '../../core/config/config.ts';
import type { Database } from '../../core/database/database.ts';
import { ConflictError, NotFoundError } from '../../core/errors/errors.ts';
import type { Logger } from '../../core/logging/logger.ts';
import type { AccessPolicy } from '../access/access.policy.ts';
import type { SessionUser } from '../app.types.ts';
import { PacketCollector, type PacketSubject } from './packet.collect.ts';
import { chainCustody, serializeCustody } from './packet.custody.ts';
import { PacketFileBuilder, type PacketFile } from './packet.files.ts';
import { loadPacketKeys } from './packet.keys.ts';
import { renderPacketReport } from './packet.report.ts';
import { assembleWacz, pagesJsonl } from './packet.wacz.ts';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
export const PACKET_SOFTWARE = `ipwatch ${VERSION}`;
export const REPORT_PATH = 'report/bao-cao-chung-cu.pdf';

export interface PacketServiceDeps {
  config: Pick<Config, 'dataDir' | 'fontDir' | 'noticeAuthority'>;
  db: Database;
  blobs: BlobRepository;
  logger: Logger;
  now: () => Date;
}

/** Who exports: a signed-in user (access rules apply) or the CLI run by an inspector on the server. */
export interface PacketActor {
  userId: number | null;
  label: string;
  user?: SessionUser;
}

export interface ExportedPacket {
  /** The archive in a private temporary folder; `cleanup()` removes the folder. */
  file: string;
  size: number;
  fileName: string;
  datapackageHash: string;
  created: string;
  findingIds: number[];
  cleanup(): Promise<void>;
}

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** Builds signed evidence packets for a finding or a case and records each export in the audit log. */
export class PacketService {
  private readonly collector: PacketCollector;

  constructor(private readonly deps: PacketServiceDeps) {
    this.collector = new PacketCollector(deps.db);
  }

  async publicKey() {
    return loadPacketKeys(this.deps.config.dataDir);
  }

  /**
   * Rights holders get packets of their own findings only, and of a case only when every finding in it
   * is theirs; anything else is "not found", so they cannot learn it exists.
   */
  private async authorize(subject: PacketSubject, ids: number[], actor: PacketActor, access: AccessPolicy | undefined): Promise<void> {
    const user = actor.user;
    if (!user || !access || user.role !== 'rights_holder') return;
    const what = `${subject.kind} ${subject.id}`;
    if (subject.kind === 'case' && !ids.length) throw new NotFoundError(`${what} not found`);
    for (const id of ids) {
      try {
        await access.visibleFinding(user, id);
      } catch (error) {
        if (error instanceof NotFoundError) throw new NotFoundError(`${what} not found`);
        throw error;
      }
    }
  }

  async export(subject: PacketSubject, actor: PacketActor, access?: AccessPolicy): Promise<ExportedPacket> {
    const { ids, caseRow } = await this.collector.findingIds(subject).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError(`${subject.kind} ${subject.id} not found`) : error;
    });
    await this.authorize(subject, ids, actor, access);
    if (!ids.length) throw new ConflictError(`${subject.kind} ${subject.id} has no findings: there is no evidence to put in a packet`);
    const content = await this.collector.collect(subject, ids, caseRow);
    const keys = await loadPacketKeys(this.deps.config.dataDir);
    const now = this.deps.now();
    const name = subject.kind === 'case' ? `vụ việc #${subject.id}` : `phát hiện #${subject.id}`;

    const parts = await new PacketFileBuilder(this.deps.blobs, PACKET_SOFTWARE).build(content);
    const custody = chainCustody([...parts.custody, { at: now.toISOString(), event: 'export', who: actor.label, what: `packet of ${subject.kind} #${subject.id} exported (${ids.length} finding(s))`, ref: { findingIds: ids } }]);
    const pages = pagesJsonl(`ipwatch — ${name}`, parts.pages);
    const files: PacketFile[] = [...parts.files, { path: 'custody.jsonl', bytes: serializeCustody(custody) }];
    const listed = [
      ...files.map((f) => ({ path: f.path, bytes: f.bytes.byteLength, hash: sha256(f.bytes) })),
      { path: 'archive/data.warc.gz', bytes: parts.warcGz.byteLength, hash: sha256(parts.warcGz) },
      { path: 'pages/pages.jsonl', bytes: pages.byteLength, hash: sha256(pages) },
    ];
    const report = await renderPacketReport({
      content,
      files: listed,
      createdAt: now,
      software: PACKET_SOFTWARE,
      authority: this.deps.config.noticeAuthority,
      fingerprint: keys.fingerprint,
      fontDir: this.deps.config.fontDir,
      reconstructed: parts.reconstructed,
    });

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipwatch-packet-'));
    const cleanup = () => fs.rm(dir, { recursive: true, force: true });
    try {
      const first = parts.pages[0];
      const out = await assembleWacz({
        dir,
        warcGz: parts.warcGz,
        files: [{ path: REPORT_PATH, bytes: report }, ...files],
        pagesJsonl: pages,
        title: `Gói chứng cứ ipwatch — ${name}`,
        description: `${this.deps.config.noticeAuthority}: ${ids.length} finding(s), ${parts.pages.length} capture(s)`,
        mainPage: first ? { url: first.url, ts: first.ts } : undefined,
        extras: { ipwatch: { subject: subject.kind, id: subject.id, findings: ids, software: PACKET_SOFTWARE, authority: this.deps.config.noticeAuthority, publicKeyFingerprint: keys.fingerprint, report: REPORT_PATH, custody: 'custody.jsonl' } },
        keys,
        software: PACKET_SOFTWARE,
        logger: this.deps.logger,
      });
      const size = (await fs.stat(out.file)).size;
      await new AuditRepository(this.deps.db, this.deps.now).record(this.deps.db, {
        actor: { userId: actor.userId, label: actor.label },
        action: 'packet.export',
        entity: { type: subject.kind, id: subject.id },
        after: { datapackageHash: out.datapackageHash, created: out.created, bytes: size, findings: ids, publicKeyFingerprint: keys.fingerprint },
      });
      return { file: out.file, size, fileName: `ipwatch-${subject.kind}-${subject.id}.wacz`, datapackageHash: out.datapackageHash, created: out.created, findingIds: ids, cleanup };
    } catch (error) {
      await cleanup();
      throw error;
    }
  }
}
