/** The OpenAI error envelope: all four keys always present (docs/protocol/errors.md#envelope). */
export interface OpenAIErrorBody {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | null;
  };
}
