// Tests never read the developer's .env or environment: each test builds its own configuration.
process.env.TZ = 'UTC';
