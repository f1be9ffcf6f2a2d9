-- memnun schema 5: each tenant's routing catalogue and the versions of its routing rule set.
-- Both are read whole (the router needs the whole catalogue and the whole rule set) and never queried inside, so
-- each is one JSON document in memnun's exchange formats (memnun-catalog/1, memnun-rules/1).

-- one row per tenant: the current catalogue; revision guards every change (UPDATE ... WHERE revision = ?)
CREATE TABLE ${prefix}catalog (
    tenant    varchar(64) NOT NULL,
    revision  bigint      NOT NULL,
    document  jsonb       NOT NULL,
    CONSTRAINT ${prefix}catalog_pk PRIMARY KEY (tenant)
);

-- one row per activation, never changed; the highest version is the active one. The primary key lets one of two
-- concurrent activations of the same version win and serves "the latest version" as a backward index scan.
CREATE TABLE ${prefix}rule_set (
    tenant       varchar(64) NOT NULL,
    version      bigint      NOT NULL,
    rules        jsonb       NOT NULL,
    activated_at timestamptz NOT NULL,
    CONSTRAINT ${prefix}rule_set_pk PRIMARY KEY (tenant, version)
);
