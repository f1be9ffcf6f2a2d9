-- memnun schema 7: the bytes of files that arrive with feedback (a photo mailed with a complaint). The feedback
-- keeps only the reference; a host that keeps files elsewhere implements AttachmentStore itself.
CREATE TABLE ${prefix}attachment (
    tenant      varchar(64)  NOT NULL,
    id          varchar(200) NOT NULL,
    file_name   varchar(255) NOT NULL,
    media_type  varchar(255) NOT NULL,
    size_bytes  bigint       NOT NULL,
    content     bytea NOT NULL,
    CONSTRAINT ${prefix}attachment_pk PRIMARY KEY (tenant, id)
);
