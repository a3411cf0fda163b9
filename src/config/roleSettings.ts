// Which section of config.yml configures a role: `local:` the local role, `claude:` the escalation role.
import type { Role } from '../vocabulary.js';
import type { Config } from './schema.js';

/** The settings every role's section has (enabled, provider, model, timeout_seconds…), and its own. */
export type RoleSettings = Config['local'] | Config['claude'];

export function roleSettings(config: Config, role: Role): RoleSettings {
  return role === 'local' ? config.local : config.claude;
}
