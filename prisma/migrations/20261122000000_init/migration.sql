-- CreateTable
CREATE TABLE "documents" (
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "document_updates" (
    "id" BIGSERIAL NOT NULL,
    "document_name" TEXT NOT NULL,
    "update_key" TEXT NOT NULL,
    "update" BYTEA NOT NULL,
    "user_id" TEXT,
    "user_name" TEXT,
    "node_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "snapshot_id" BIGINT,

    CONSTRAINT "document_updates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "snapshots" (
    "id" BIGSERIAL NOT NULL,
    "document_name" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "update_count" INTEGER NOT NULL,
    "node_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "document_updates_update_key_key" ON "document_updates"("update_key");

-- CreateIndex
CREATE INDEX "document_updates_document_name_id_idx" ON "document_updates"("document_name", "id");

-- CreateIndex
CREATE INDEX "document_updates_document_name_snapshot_id_idx" ON "document_updates"("document_name", "snapshot_id");

-- CreateIndex
CREATE INDEX "document_updates_received_at_idx" ON "document_updates"("received_at");

-- CreateIndex
CREATE INDEX "snapshots_document_name_id_idx" ON "snapshots"("document_name", "id");

-- AddForeignKey
ALTER TABLE "document_updates" ADD CONSTRAINT "document_updates_document_name_fkey" FOREIGN KEY ("document_name") REFERENCES "documents"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_updates" ADD CONSTRAINT "document_updates_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshots"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshots" ADD CONSTRAINT "snapshots_document_name_fkey" FOREIGN KEY ("document_name") REFERENCES "documents"("name") ON DELETE CASCADE ON UPDATE CASCADE;
