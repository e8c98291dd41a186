import type { AppModule } from '../app.js';
import { payApp } from './pay/index.js';

/** Every sandbox app, in seeding order (an app may use what earlier apps seeded). */
export const APPS: readonly AppModule[] = [payApp];
