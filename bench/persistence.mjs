export async function persistence() {}
