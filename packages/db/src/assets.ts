/**
 * A document's assets (the `document_assets` table): bytes its content refers to by their
 * sha-256, such as a canvas's images (docs/canvas-assets.md). Stored once per document and
 * hash; the sum of a document's asset sizes is bounded by the caller's limit.
 */
import type { PrismaClient } from '../generated/prisma/client.ts'

export interface NewAsset {
  documentName: string
  /** sha-256 of `bytes`, lowercase hex (the caller computed it from the bytes). */
  hash: string
  contentType: string
  bytes: Uint8Array
  createdBy: { id: string; name: string | null }
}

export type StoreAssetResult =
  /** Stored now, or already there under this hash (nothing more is used). */
  | { stored: true; existed: boolean; usedBytes: number }
  /** Storing it would take the document past `maxTotalBytes`; nothing was stored. */
  | { stored: false; usedBytes: number }

/**
 * Stores an asset unless the document's assets would then exceed `maxTotalBytes`. Serialised per
 * document by a transaction-scoped advisory lock, so two uploads at once cannot both fit under
 * the limit and together exceed it. A document that has no row yet (opened, never edited) gets
 * one, owned by the uploader, as its first logged edit would give it.
 */
export async function storeAsset(
  prisma: PrismaClient,
  asset: NewAsset,
  maxTotalBytes: number,
): Promise<StoreAssetResult> {
  const { documentName, hash } = asset
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`assets:${documentName}`}))::text`
    const used = await tx.documentAsset.aggregate({
      where: { documentName },
      _sum: { size: true },
    })
    const usedBytes = used._sum.size ?? 0
    const existing = await tx.documentAsset.findUnique({
      where: { documentName_hash: { documentName, hash } },
      select: { size: true },
    })
    if (existing) return { stored: true, existed: true, usedBytes }
    if (usedBytes + asset.bytes.byteLength > maxTotalBytes) return { stored: false, usedBytes }
    await tx.document.createMany({
      data: [
        {
          name: documentName,
          kind: documentName.slice(0, documentName.indexOf(':')),
          ownerId: asset.createdBy.id,
          ownerName: asset.createdBy.name,
        },
      ],
      skipDuplicates: true,
    })
    await tx.documentAsset.create({
      data: {
        documentName,
        hash,
        contentType: asset.contentType,
        size: asset.bytes.byteLength,
        bytes: new Uint8Array(asset.bytes),
        createdById: asset.createdBy.id,
      },
    })
    return { stored: true, existed: false, usedBytes: usedBytes + asset.bytes.byteLength }
  })
}

/** One asset's bytes and type, or null when the document has none under this hash. */
export async function readAsset(
  prisma: PrismaClient,
  documentName: string,
  hash: string,
): Promise<{ contentType: string; bytes: Uint8Array } | null> {
  return prisma.documentAsset.findUnique({
    where: { documentName_hash: { documentName, hash } },
    select: { contentType: true, bytes: true },
  })
}

/** Which of `hashes` the document holds. */
export async function existingAssets(
  prisma: PrismaClient,
  documentName: string,
  hashes: readonly string[],
): Promise<Set<string>> {
  if (hashes.length === 0) return new Set()
  const rows = await prisma.documentAsset.findMany({
    where: { documentName, hash: { in: [...hashes] } },
    select: { hash: true },
  })
  return new Set(rows.map((row) => row.hash))
}
