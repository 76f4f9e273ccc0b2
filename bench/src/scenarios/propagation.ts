export async function runPropagation(): Promise<void> {}
