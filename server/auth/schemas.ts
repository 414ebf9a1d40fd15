import { Type, type Static } from '@sinclair/typebox';
import { Id, LiteralUnion, Nullable, Timestamp } from '../http/schemas.ts';
import { ROLES } from '../storage/records.ts';
import { MIN_PASSWORD_LENGTH } from './passwords.ts';
import { PublicOrganization } from '../organizations/schemas.ts';

/** An e-mail address for notifications, or null to remove it. */
export const EmailInput = Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()]);

/** A role name. */
export const RoleSchema = LiteralUnion(ROLES);

/** A user as the API shows it (never the password hash). */
export const PublicUser = Type.Object(
  {
    id: Id,
    username: Type.String(),
    displayName: Type.String(),
    role: RoleSchema,
    organizationId: Nullable(Id),
    /** Where notification e-mails go (null: none). */
    email: Nullable(Type.String()),
    disabled: Type.Boolean(),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type PublicUser = Static<typeof PublicUser>;

/** An account in the secretariat's list: the public user, plus until when sign-in is locked (only while it is). */
export const ListedUser = Type.Composite([PublicUser, Type.Object({ lockedUntil: Type.Optional(Timestamp) })], { additionalProperties: false });
export type ListedUser = Static<typeof ListedUser>;

/** `POST /api/auth/login` body. */
export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

/** `POST /api/auth/login` answer. */
export const LoginResponse = Type.Object({ token: Type.String(), user: PublicUser }, { additionalProperties: false });
export type LoginResponse = Static<typeof LoginResponse>;

/** `GET /api/auth/me` answer: the user and their organisation. */
export const MeResponse = Type.Object(
  { user: PublicUser, organization: Nullable(PublicOrganization) },
  { additionalProperties: false },
);
export type MeResponse = Static<typeof MeResponse>;

/** `POST /api/auth/password` body. */
export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

/** `PATCH /api/users/:id` body. */
export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
    role: Type.Optional(RoleSchema),
    organizationId: Type.Optional(Type.Union([Id, Type.Null()])),
    email: Type.Optional(EmailInput),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

/** `POST /api/users/:id/password` body (reset by the secretariat). */
export const ResetPasswordBody = Type.Object(
  { password: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 }) },
  { additionalProperties: false },
);
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;

/** Usernames: lower-case letters, digits, dot, dash, underscore. */
export const USERNAME_PATTERN = '^[a-z0-9][a-z0-9._-]{1,63}$';

/** `POST /api/users` body. */
export const CreateUserBody = Type.Object(
  {
    username: Type.String({ pattern: USERNAME_PATTERN }),
    password: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 }),
    displayName: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    role: RoleSchema,
    organizationId: Type.Optional(Type.Union([Id, Type.Null()])),
    email: Type.Optional(EmailInput),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;
