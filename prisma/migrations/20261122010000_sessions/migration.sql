-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "document_name" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "user_name" TEXT,
    "node_id" TEXT NOT NULL,
    "boot_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refused_connections" (
    "id" BIGSERIAL NOT NULL,
    "event_key" TEXT NOT NULL,
    "document_name" TEXT NOT NULL,
    "user_id" TEXT,
    "node_id" TEXT NOT NULL,
    "code" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "refused_connections_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sessions_document_name_opened_at_idx" ON "sessions"("document_name", "opened_at");

-- CreateIndex
CREATE INDEX "sessions_node_id_status_idx" ON "sessions"("node_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "refused_connections_event_key_key" ON "refused_connections"("event_key");

-- CreateIndex
CREATE INDEX "refused_connections_at_idx" ON "refused_connections"("at");
