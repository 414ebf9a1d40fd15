import type { UserRecord } from '../storage/records.ts';
import type { PublicUser } from './schemas.ts';

/** The public view of a user: everything but credentials. */
export function presentUser(user: UserRecord): PublicUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    organizationId: user.organizationId,
    email: user.email ?? null,
    disabled: user.disabled,
    createdAt: user.createdAt,
  };
}
