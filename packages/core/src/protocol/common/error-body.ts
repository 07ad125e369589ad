/** The OpenAI error envelope: all four keys always present (spec §6.1). */
export interface OpenAIErrorBody {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | null;
  };
}
