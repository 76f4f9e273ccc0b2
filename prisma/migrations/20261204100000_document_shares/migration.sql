-- CreateTable
CREATE TABLE "document_shares" (
    "id" TEXT NOT NULL,
    "document_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "document_shares_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document_share_opens" (
    "share_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "user_name" TEXT,
    "first_opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_share_opens_pkey" PRIMARY KEY ("share_id","user_id")
);

-- CreateIndex
CREATE INDEX "document_shares_document_name_created_at_idx" ON "document_shares"("document_name", "created_at");

-- AddForeignKey
ALTER TABLE "document_shares" ADD CONSTRAINT "document_shares_document_name_fkey" FOREIGN KEY ("document_name") REFERENCES "documents"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_share_opens" ADD CONSTRAINT "document_share_opens_share_id_fkey" FOREIGN KEY ("share_id") REFERENCES "document_shares"("id") ON DELETE CASCADE ON UPDATE CASCADE;
