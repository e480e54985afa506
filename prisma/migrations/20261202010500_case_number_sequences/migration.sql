-- Case numbers from one sequence per year ("CaseNumber_2026") instead of the CaseCounter row: nextval
-- takes no row lock, so a burst of filings no longer waits in line for the counter's commit. A filing
-- that fails leaves a gap, as a counter taken in its own statement did.
CREATE FUNCTION "next_case_sequence"("year" integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  name text := 'CaseNumber_' || "year";
  seq regclass := to_regclass(quote_ident(name));
BEGIN
  IF seq IS NULL THEN
    -- The year's first filing makes its sequence; one made at the same moment by another filing is as good.
    BEGIN
      EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', name);
    EXCEPTION WHEN unique_violation OR duplicate_table THEN
      NULL;
    END;
    seq := to_regclass(quote_ident(name));
  END IF;
  RETURN nextval(seq);
END
$$;

-- Each year counted so far goes on from where its counter stopped.
DO $$
DECLARE
  counter record;
BEGIN
  FOR counter IN SELECT "year", "value" FROM "CaseCounter" LOOP
    EXECUTE format('CREATE SEQUENCE %I START WITH %s', 'CaseNumber_' || counter."year", counter."value" + 1);
  END LOOP;
END
$$;

-- DropTable
DROP TABLE "CaseCounter";
