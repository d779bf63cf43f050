export function generateTargetTypes(): Promise<string>
