// Imported first by setup.ts: ES imports run before the importing module's body, and some
// modules (the logger) read these variables when they are first imported.
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-123";
process.env.DB_POOL_SIZE ??= "5";
process.env.LOG_LEVEL ??= "silent";
// Tests change configuration rows directly; they must see each change at once.
process.env.CONFIG_CACHE_MS ??= "0";
// The test Dovecot and the fake Resend listen on loopback, which the SSRF guard refuses unless allowed.
process.env.MAIL_ALLOWED_HOSTS ??= "127.0.0.1";
