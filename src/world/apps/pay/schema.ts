/** The wallet's tables: accounts, payment requests from merchants, and every movement of money. */
export const PAY_SCHEMA = `
CREATE TABLE pay_accounts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('person', 'merchant')),
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  balance INTEGER NOT NULL CHECK (balance >= 0),
  daily_limit INTEGER
);
CREATE TABLE pay_requests (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES pay_accounts(id),
  payer_id TEXT NOT NULL REFERENCES pay_accounts(id),
  amount INTEGER NOT NULL CHECK (amount > 0),
  reference TEXT NOT NULL,
  memo TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'refunded', 'cancelled')),
  created_at INTEGER NOT NULL,
  paid_at INTEGER
);
CREATE TABLE pay_transactions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('payment', 'transfer', 'refund')),
  from_id TEXT NOT NULL REFERENCES pay_accounts(id),
  to_id TEXT NOT NULL REFERENCES pay_accounts(id),
  amount INTEGER NOT NULL CHECK (amount > 0),
  request_id TEXT,
  memo TEXT NOT NULL,
  created_at INTEGER NOT NULL
);`;
