import type { AppModule } from '../app.js';
import { calendarApp } from './calendar/index.js';
import { chatApp } from './chat/index.js';
import { foodApp } from './food/index.js';
import { inventoryApp } from './inventory/index.js';
import { ledgerApp } from './ledger/index.js';
import { mailApp } from './mail/index.js';
import { mapsApp } from './maps/index.js';
import { payApp } from './pay/index.js';
import { shopApp } from './shop/index.js';
import { trackerApp } from './tracker/index.js';

/** Every sandbox app, in seeding order (an app may use what earlier apps seeded). */
export const APPS: readonly AppModule[] = [
  mapsApp,
  payApp,
  foodApp,
  chatApp,
  calendarApp,
  shopApp,
  mailApp,
  ledgerApp,
  inventoryApp,
  trackerApp,
];
