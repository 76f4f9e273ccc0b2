export async function runDurability(): Promise<void> {}
