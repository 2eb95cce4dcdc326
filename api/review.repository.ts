import { asc, eq } from 'drizzle-orm';
import type { Database } from '../core/database/database.ts';
import { reviews, users, type Review } from './api.schema.ts';

export type ReviewWithReviewer = Review & { reviewerName: string };

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
}
