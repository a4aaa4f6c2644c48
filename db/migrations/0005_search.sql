-- filled in below; placeholder keeps the journal order fixed
SELECT 1;
