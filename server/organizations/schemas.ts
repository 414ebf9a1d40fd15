import { Type, type Static } from '@sinclair/typebox';
import { LiteralUnion } from '../http/schemas.ts';
import { ORGANIZATION_KINDS } from '../storage/records.ts';

/** Kinds of organisation. */
export const OrganizationKind = LiteralUnion(ORGANIZATION_KINDS);

/** An organisation as the API shows it. */
export const PublicOrganization = Type.Object(
  { id: Type.String(), name: Type.String(), shortName: Type.String(), kind: OrganizationKind },
  { additionalProperties: false },
);
export type PublicOrganization = Static<typeof PublicOrganization>;

const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const ShortName = Type.String({ minLength: 1, maxLength: 32, pattern: '\\S' });

/** `POST /api/organizations` body. */
export const CreateOrganizationBody = Type.Object(
  { name: Name, shortName: ShortName, kind: OrganizationKind },
  { additionalProperties: false },
);
export type CreateOrganizationBody = Static<typeof CreateOrganizationBody>;

/** `PATCH /api/organizations/:id` body. */
export const UpdateOrganizationBody = Type.Object(
  { name: Type.Optional(Name), shortName: Type.Optional(ShortName), kind: Type.Optional(OrganizationKind) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateOrganizationBody = Static<typeof UpdateOrganizationBody>;
