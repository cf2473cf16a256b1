-- Assistance: indexes for the reads the assistance module makes at province scale. A case's
-- grants (the case page, the timeline), a referral's grant, and referrals by region for the
-- officers who read every referral of their region (department handlers read by department,
-- which referral_department_idx already serves). Docs: docs/assistance.md.
CREATE INDEX assistance_grant_case_idx ON assistance_grant (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX assistance_grant_referral_idx ON assistance_grant (referral_id) WHERE referral_id IS NOT NULL;
CREATE INDEX referral_region_idx ON referral (region_code text_pattern_ops, status);
