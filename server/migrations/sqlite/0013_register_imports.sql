-- Each commit of the household-register import (住户花名册): who, when, which file and what it
-- did, for the recent imports staff see on the register page. The sheet itself is not kept
-- (it carries 身份证号 and notes Linli does not store).
CREATE TABLE register_imports (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    imported_by INTEGER NOT NULL REFERENCES users (id),
    imported_at INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    rows_read INTEGER NOT NULL,
    rows_skipped INTEGER NOT NULL,
    households_in_sheet INTEGER NOT NULL,
    households_created INTEGER NOT NULL,
    members_created INTEGER NOT NULL,
    members_changed INTEGER NOT NULL,
    members_unchanged INTEGER NOT NULL,
    members_left_alone INTEGER NOT NULL,
    buildings_created INTEGER NOT NULL,
    units_created INTEGER NOT NULL
);
CREATE INDEX register_imports_community ON register_imports (community_id, imported_at);

-- The join progress counts, per household, its active accounts (users_household_id, 0001) and
-- its register members (the (household_id, name) key of 0012); a head's unjoined list reads
-- the register by household in the same way. The community-wide read of the register the
-- import makes goes by community:
CREATE INDEX register_members_community ON register_members (community_id, household_id);
