import { type Config, configSchema } from './schema.js';

export function defaultConfig(): Config {
  return configSchema.parse({});
}
