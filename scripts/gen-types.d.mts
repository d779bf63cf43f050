export const generated: Record<string, [file: string, typeName: string]>
export function generateTypes(schemaFile: string): Promise<string>
