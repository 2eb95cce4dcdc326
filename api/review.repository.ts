import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../core/database/database.ts';
import { owners } from '../fingerprints/fingerprints.schema.ts';
import { reviews, users, type Review } from './api.schema.ts';
import { findingComments, type FindingComment } from './review.schema.ts';

export type ReviewWithReviewer = Review & { reviewerName: string };
export type CommentWithAuthor = FindingComment & { authorName: string };
export interface Officer {
  id: number;
  name: string;
}

/** The review trail of findings: decisions, comments, and who can be assigned. */
export class ReviewRepository {
  constructor(private readonly db: Database) {}

  async add(row: Omit<typeof reviews.$inferInsert, 'id'>): Promise<Review> {
    const [inserted] = await this.db.insert(reviews).values(row).returning();
    return inserted!;
  }

  async ofFinding(findingId: number): Promise<ReviewWithReviewer[]> {
    const rows = await this.db
      .select({ review: reviews, reviewerName: users.name })
      .from(reviews)
      .innerJoin(users, eq(users.id, reviews.userId))
      .where(eq(reviews.findingId, findingId))
      .orderBy(asc(reviews.createdAt), asc(reviews.id));
    return rows.map((r) => ({ ...r.review, reviewerName: r.reviewerName }));
  }

  async addComment(row: Omit<typeof findingComments.$inferInsert, 'id'>): Promise<FindingComment> {
    const [inserted] = await this.db.insert(findingComments).values(row).returning();
    return inserted!;
  }

  async commentsOf(findingId: number): Promise<CommentWithAuthor[]> {
    const rows = await this.db
      .select({ comment: findingComments, authorName: users.name })
      .from(findingComments)
      .innerJoin(users, eq(users.id, findingComments.userId))
      .where(eq(findingComments.findingId, findingId))
      .orderBy(asc(findingComments.createdAt), asc(findingComments.id));
    return rows.map((r) => ({ ...r.comment, authorName: r.authorName }));
  }

  /** Active officers: the people a finding can be assigned to. */
  async officers(): Promise<Officer[]> {
    return this.db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.role, 'officer'), eq(users.status, 'active')))
      .orderBy(asc(users.name), asc(users.id));
  }

  async names(ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Registry owners for the queue's owner filter (read-only, names only). */
  async ownerOptions(): Promise<Officer[]> {
    return this.db.select({ id: owners.id, name: owners.name }).from(owners).orderBy(asc(owners.name)).limit(1000);
  }
}
