-- CreateTable
CREATE TABLE "grid_first_screens" (
    "document_name" TEXT NOT NULL,
    "screen" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "grid_first_screens_pkey" PRIMARY KEY ("document_name")
);

-- AddForeignKey
ALTER TABLE "grid_first_screens" ADD CONSTRAINT "grid_first_screens_document_name_fkey" FOREIGN KEY ("document_name") REFERENCES "documents"("name") ON DELETE CASCADE ON UPDATE CASCADE;
