import { ListingRepository } from '../crawler/listing.repository.ts';
import { RegistryRepository } from '../fingerprints/registry/registry.repository.ts';
import { WorkRepository } from '../fingerprints/work.repository.ts';
import { FindingRepository } from '../matcher/finding.repository.ts';
import { AccessPolicy } from './access/access.policy.ts';
import type { ApiDeps } from './app.types.ts';
import { AuthService } from './auth/auth.service.ts';
import { ReviewRepository } from './review.repository.ts';
import { SessionRepository } from './session.repository.ts';
import { FindingService } from './services/finding.service.ts';
import { FindingReviewService } from './services/finding.review.service.ts';
import { AllowListService } from './services/finding.allow-list.service.ts';
import { SellerRepository } from './sellers/seller.repository.ts';
import { SellerService } from './sellers/seller.service.ts';
import { UserRepository } from './user.repository.ts';
import { createPortalServices } from './routes/registry/portal.services.ts';

/** Everything the routes use, built once per app from the injected context. */
export function createServices(deps: ApiDeps) {
  const works = new WorkRepository(deps.db);
  const listings = new ListingRepository(deps.db);
  const findings = new FindingRepository(deps.db);
  const reviews = new ReviewRepository(deps.db);
  const users = new UserRepository(deps.db);
  const sessions = new SessionRepository(deps.db);
  const access = new AccessPolicy(works, findings, new RegistryRepository(deps.db));
  return {
    deps,
    works,
    listings,
    findings,
    reviews,
    users,
    sessions,
    access,
    auth: new AuthService(users, sessions, deps.now),
    portal: createPortalServices(deps),
    findingService: new FindingService({ db: deps.db, blobs: deps.blobs, logger: deps.logger, works, listings, findings, reviews, access, now: deps.now }),
    findingReview: new FindingReviewService({ db: deps.db, listings, access, now: deps.now }),
    allowList: new AllowListService({ db: deps.db, works, access, now: deps.now }),
    sellerService: new SellerService({ sellers: new SellerRepository(deps.db), listings, findings, works, access }),
  };
}

export type ApiServices = ReturnType<typeof createServices>;
