-- AlterTable
ALTER TABLE "snapshots" ADD COLUMN     "encoding" SMALLINT NOT NULL DEFAULT 1;
