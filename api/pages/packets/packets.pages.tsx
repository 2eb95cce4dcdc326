import { Hono } from 'hono';
import type { ApiServices } from '../../api.services.ts';
import type { AppEnv } from '../../app.types.ts';
import { formatFingerprint, type PacketKeys } from '../../packets/packet.keys.ts';
import { packetService } from '../../routes/packets/packet.services.ts';
import { PACKET_ALGORITHM } from '../../routes/packets/public-key.route.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { pageContext } from '../pages.routes.tsx';

function PublicKeyPage({ page, keys }: { page: PageContext; keys: PacketKeys }) {
  const t = page.t.packets;
  return (
    <Layout page={page} title={t.keyTitle}>
      <h1>{t.keyTitle}</h1>
      <section class="card">
        <p>{t.keyIntro}</p>
        <dl class="meta">
          <dt>{t.fingerprint}</dt>
          <dd><code class="hash" data-fingerprint={keys.fingerprint}>{formatFingerprint(keys.fingerprint)}</code></dd>
          <dt>{t.algorithm}</dt>
          <dd>{PACKET_ALGORITHM}</dd>
          <dt>{t.spki}</dt>
          <dd><code class="hash">{keys.publicKeySpki}</code></dd>
          <dt>{t.pem}</dt>
          <dd><pre class="small">{keys.publicKeyPem}</pre><a href="/packets/public-key.pem" download>{t.downloadPem}</a></dd>
        </dl>
        <h2>{t.howToVerify}</h2>
        <p>{t.verifyCommand}</p>
        <pre class="small">ipwatch packet verify goi-chung-cu.wacz --public-key so-vhttdl-bac-ninh.pem</pre>
      </section>
    </Layout>
  );
}

/**
 * The Department's packet signing key, public on purpose: a platform, a bailiff or a court checks a
 * packet against it without an account. The key pair is made the first time it is needed (this page, the
 * API's public-key route or the first export), not when an app object is built: tests build many apps.
 */
export function createPacketPagesRouter(services: ApiServices): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  router.get('/packets/public-key', async (c) => c.html(<PublicKeyPage page={pageContext(c)} keys={await packetService(services.deps).publicKey()} />));
  router.get('/packets/public-key.pem', async (c) => {
    const keys = await packetService(services.deps).publicKey();
    return c.body(keys.publicKeyPem, 200, { 'content-type': 'application/x-pem-file', 'content-disposition': 'attachment; filename="so-vhttdl-bac-ninh.pem"' });
  });
  return router;
}
