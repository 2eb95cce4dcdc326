import { ProblemSchema } from '../problem.dto.ts';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

/** Answers of registry writes beyond the common ones. */
export const conflict = { 409: problem('Conflict: the certificate number or identity is taken, or the record changed') } as const;
export const uploadProblems = { 413: problem('File too large'), 415: problem('Not a supported image or document (the content is sniffed, not the name)') } as const;
