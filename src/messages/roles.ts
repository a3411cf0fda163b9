// How sentences name each role: in the product's own terms (the config sections and flags say local
// and claude), whichever provider serves it.
import type { Role } from '../vocabulary.js';

export const ROLE_LABEL: Record<Role, string> = { local: 'local model', escalation: 'Claude' };

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
