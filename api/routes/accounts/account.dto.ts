import { z } from '@hono/zod-openapi';
import { partyKinds, userStatuses, type User } from '../../api.schema.ts';

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max).optional());

export const RegistrationSchema = z
  .object({
    email: z.string().trim().max(254).email(),
    name: z.string().trim().min(1).max(200),
    password: z.string().min(8).max(200),
    partyKind: z.enum(partyKinds),
    organisation: optionalText(300),
    phone: optionalText(50),
    address: optionalText(500),
    claimedOwner: z.string().trim().min(1).max(300).openapi({ description: 'The registry owner the applicant represents, as named on the certificate' }),
    note: optionalText(2000),
  })
  .strict()
  .openapi('Registration');

export type Registration = z.infer<typeof RegistrationSchema>;

export const AccountSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    status: z.enum(userStatuses),
    ownerId: z.number().int().nullable(),
    partyKind: z.string().nullable(),
    organisation: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    claimedOwner: z.string().nullable(),
    note: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Account');

export const ApproveSchema = z
  .object({
    ownerId: z.number().int().positive().max(2_147_483_647).optional().openapi({ description: 'An existing registry owner' }),
    newOwnerName: z.string().trim().min(1).max(300).optional().openapi({ description: 'Or: create this owner and link to it' }),
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((v) => (v.ownerId === undefined) !== (v.newOwnerName === undefined), { message: 'give exactly one of ownerId and newOwnerName' })
  .openapi('AccountApproval');

export const RejectSchema = z.object({ note: z.string().trim().max(2000).optional() }).strict().openapi('AccountRejection');

export const AccountListQuery = z.object({ status: z.enum(userStatuses).optional() });

export function toAccountDto(user: User): z.infer<typeof AccountSchema> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    ownerId: user.ownerId,
    partyKind: user.partyKind,
    organisation: user.organisation,
    phone: user.phone,
    address: user.address,
    claimedOwner: user.claimedOwner,
    note: user.registrationNote,
    decidedAt: user.decidedAt?.toISOString() ?? null,
    decisionNote: user.decisionNote,
    createdAt: user.createdAt.toISOString(),
  };
}
