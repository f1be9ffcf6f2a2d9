-- memnun schema 16: no change to the tables. From this version on, memnun writes a feedback's SLA clocks (the
-- sla_clocks text) in a shorter form that versions before it cannot read; the version number makes an older memnun
-- refuse to start against a database a newer one has written to, instead of failing on the first feedback it reads.
-- Clocks written before stay as they are and are still read.
SELECT 1;
