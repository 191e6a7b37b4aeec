// LLM applications (OWASP LLM01/LLM05): the output of chat and completion calls is untrusted input
// (source "LLM output"), request data in a *system* message is prompt injection (sink kind
// `prompt`, CWE-1427), and a function chosen by name from model output is dynamic dispatch (sink
// kind `dispatch`, CWE-470, see ../shapes.ts). Clients are tracked by tag (`llm-client`); calls
// on untracked receivers (a client passed as a parameter, `self.client`) are recognised by the
// shape of the callee in files importing the SDK (`LLM_OUTPUT_SHAPES`).
import type { SinkKind } from '../types.js';

/** Label of the source. */
export const LLM_LABEL = 'LLM output';
/** The finding property naming the OWASP Top 10 for LLM applications entry of a finding whose source is model output. */
export const LLM_OUTPUT_OWASP = 'LLM05:2025 Improper Output Handling';
/** Sink kinds model output does not reach: logging it, keeping it in a session or sending it back as a prompt is what applications do. */
export const LLM_OUTPUT_SKIPS: SinkKind[] = ['log', 'trust-boundary', 'prompt', 'secret'];

/** The tag of client objects, and the constructors and factories that make them. */
export const LLM_CLIENT_TAG = 'llm-client';
export const LLM_CLIENTS = new Set([
  'openai.OpenAI', 'openai.AsyncOpenAI', 'openai.AzureOpenAI', 'openai.AsyncAzureOpenAI', 'openai.Client', 'openai.AsyncClient',
  'anthropic.Anthropic', 'anthropic.AsyncAnthropic', 'anthropic.AnthropicBedrock', 'anthropic.AnthropicVertex', 'anthropic.Client',
  'google.generativeai.GenerativeModel', 'google.genai.Client', 'vertexai.generative_models.GenerativeModel',
  'mistralai.Mistral', 'mistralai.client.MistralClient', 'mistralai.async_client.MistralAsyncClient',
  'groq.Groq', 'groq.AsyncGroq', 'cohere.Client', 'cohere.ClientV2', 'ollama.Client', 'ollama.AsyncClient',
  'langchain_openai.ChatOpenAI', 'langchain_openai.OpenAI', 'langchain_openai.AzureChatOpenAI', 'langchain_anthropic.ChatAnthropic',
  'langchain_google_genai.ChatGoogleGenerativeAI', 'langchain_mistralai.ChatMistralAI', 'langchain_ollama.ChatOllama', 'langchain_ollama.OllamaLLM',
  'langchain_community.chat_models.ChatOllama', 'langchain_community.llms.Ollama', 'langchain.chat_models.ChatOpenAI', 'langchain.llms.OpenAI',
  'langchain.chat_models.init_chat_model', 'langchain.chat_models.base.init_chat_model', 'langchain_groq.ChatGroq', 'langchain_aws.ChatBedrock',
  'litellm.Router',
]);
/** Attributes of a client that are namespaces of the same client (`client.chat.completions`, `client.messages`, `client.models`). */
export const LLM_NAMESPACES = new Set(['chat', 'completions', 'messages', 'responses', 'beta', 'models', 'aio', 'chats', 'assistants', 'threads', 'runs']);
/** Methods of a client returning another client (chat sessions, models bound to tools or an output schema, composed chains). */
export const LLM_CLIENT_METHODS = new Set(['start_chat', 'with_structured_output', 'bind_tools', 'bind', 'with_config', 'with_retry', 'with_fallbacks', 'pipe']);
/** Methods of a client whose result is model output. */
export const LLM_OUTPUT_METHODS = new Set([
  'create', 'acreate', 'parse', 'stream', 'generate_content', 'generate_content_async', 'send_message', 'send_message_async', 'invoke', 'ainvoke',
  'predict', 'apredict', 'batch', 'abatch', 'complete', 'complete_async', 'chat', 'generate', 'agenerate', 'completion', 'acompletion',
]);
/** Module functions whose result is model output. */
export const LLM_OUTPUT_CALLS = new Set([
  'litellm.completion', 'litellm.acompletion', 'litellm.text_completion', 'openai.ChatCompletion.create', 'openai.ChatCompletion.acreate',
  'openai.Completion.create', 'ollama.chat', 'ollama.generate', 'google.generativeai.generate_text',
]);
/**
 * Calls recognised by the end of the callee (attributes, the method last) in files importing one
 * of the modules: the client is a parameter or an attribute the engine does not track.
 */
export const LLM_OUTPUT_SHAPES: { chain: string[]; requireImport: string[] }[] = [
  { chain: ['chat', 'completions', 'create'], requireImport: ['openai', 'groq', 'litellm', 'together', 'mistralai'] },
  { chain: ['chat', 'completions', 'parse'], requireImport: ['openai'] },
  { chain: ['completions', 'create'], requireImport: ['openai'] },
  { chain: ['responses', 'create'], requireImport: ['openai'] },
  { chain: ['messages', 'create'], requireImport: ['anthropic'] },
  { chain: ['chat', 'complete'], requireImport: ['mistralai'] },
  { chain: ['generate_content'], requireImport: ['google.generativeai', 'google.genai', 'vertexai'] },
  { chain: ['send_message'], requireImport: ['google.generativeai', 'google.genai', 'vertexai'] },
  { chain: ['invoke'], requireImport: ['langchain', 'langchain_core', 'langchain_openai', 'langchain_anthropic', 'langchain_community', 'langchain_google_genai', 'langchain_mistralai', 'langchain_ollama'] },
  { chain: ['ainvoke'], requireImport: ['langchain', 'langchain_core', 'langchain_openai', 'langchain_anthropic', 'langchain_community', 'langchain_google_genai', 'langchain_mistralai', 'langchain_ollama'] },
];

/** Message dictionaries: `{"role": "system", "content": ...}` puts `content` into the system prompt. */
export const ROLE_KEY = 'role';
export const CONTENT_KEY = 'content';
export const SYSTEM_ROLES = new Set(['system', 'developer']);
/** The finding property of prompt injection findings. */
export const PROMPT_OWASP = 'LLM01:2025 Prompt Injection';
