-- AlterTable
ALTER TABLE "documents" ADD COLUMN     "kind" TEXT,
ADD COLUMN     "title" TEXT,
ADD COLUMN     "owner_id" TEXT,
ADD COLUMN     "owner_name" TEXT,
ADD COLUMN     "updated_at" TIMESTAMPTZ(3),
ADD COLUMN     "updated_by_id" TEXT,
ADD COLUMN     "updated_by_name" TEXT,
ADD COLUMN     "deleted_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "documents_updated_at_idx" ON "documents"("updated_at");

-- CreateIndex
CREATE INDEX "documents_deleted_at_idx" ON "documents"("deleted_at");
