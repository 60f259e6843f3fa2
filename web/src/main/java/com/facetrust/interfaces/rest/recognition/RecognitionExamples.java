package com.facetrust.interfaces.rest.recognition;

/** Request and answer examples shown in the OpenAPI document (the image strings are shortened placeholders). */
public final class RecognitionExamples {
    static final String VERIFY_JSON = "{\"uid\": \"3f9a1c2e7b6d4e0f8a1b2c3d4e5f6a7b\", \"channel\": \"counter\", "
            + "\"image\": \"/9j/4AAQSkZJRgABAQAAAQABAAD...\"}";
    static final String VERIFY_FRAMES_JSON = "{\"uid\": \"3f9a1c2e7b6d4e0f8a1b2c3d4e5f6a7b\", \"channel\": \"mobile\", "
            + "\"challengeNonce\": \"q2Vx0F3m9Q\", \"frames\": [{\"image\": \"/9j/4AAQ...\", \"t\": 0}, "
            + "{\"image\": \"/9j/4AAQ...\", \"t\": 66}]}";
    static final String VERIFY_STEP_UP_JSON = "{\"uid\": \"3f9a1c2e7b6d4e0f8a1b2c3d4e5f6a7b\", \"channel\": \"web\", "
            + "\"oneTimeCode\": \"492039\", \"frames\": [{\"image\": \"/9j/4AAQ...\", \"t\": 0}]}";
    static final String VERIFY_MULTIPART = "--b\r\nContent-Disposition: form-data; name=\"uid\"\r\n\r\n"
            + "3f9a1c2e7b6d4e0f8a1b2c3d4e5f6a7b\r\n--b\r\nContent-Disposition: form-data; name=\"channel\"\r\n\r\n"
            + "counter\r\n--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"probe.jpg\"\r\n"
            + "Content-Type: image/jpeg\r\n\r\n<JPEG bytes>\r\n--b--";
    static final String IDENTIFY_JSON = "{\"channel\": \"counter\", \"gallery\": \"default\", "
            + "\"image\": \"/9j/4AAQSkZJRgABAQAAAQABAAD...\"}";
    static final String IDENTIFY_MULTIPART = "--b\r\nContent-Disposition: form-data; name=\"channel\"\r\n\r\n"
            + "counter\r\n--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"probe.jpg\"\r\n"
            + "Content-Type: image/jpeg\r\n\r\n<JPEG bytes>\r\n--b--";
    static final String ID_PHOTO_JSON = "{\"channel\": \"counter\", \"idPhoto\": \"/9j/4AAQ...\", "
            + "\"image\": \"/9j/4AAQSkZJRgABAQAAAQABAAD...\"}";
    static final String ID_PHOTO_MULTIPART = "--b\r\nContent-Disposition: form-data; name=\"channel\"\r\n\r\n"
            + "counter\r\n--b\r\nContent-Disposition: form-data; name=\"idPhoto\"; filename=\"id.jpg\"\r\n"
            + "Content-Type: image/jpeg\r\n\r\n<JPEG bytes>\r\n--b\r\nContent-Disposition: form-data; "
            + "name=\"image\"; filename=\"live.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n<JPEG bytes>\r\n--b--";

    static final String MATCH = "{\"transactionId\": \"8c0e5f0a-3d4b-4a57-9d8e-2f1b7c6a5e4d\", \"operation\": "
            + "\"VERIFY\", \"decision\": \"MATCH\", \"code\": \"FT-5000\", \"channel\": \"counter\", \"decidedAt\": "
            + "\"2026-11-22T05:00:00.123Z\", \"jws\": \"eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Ii4uLiJ9.eyJ0cmFu"
            + "c2FjdGlvbklkIjoiLi4uIn0.MEUCIQ...\"}";
    static final String NO_MATCH = "{\"transactionId\": \"1b2c3d4e-5f60-4718-293a-4b5c6d7e8f90\", \"operation\": "
            + "\"VERIFY\", \"decision\": \"NO_MATCH\", \"code\": \"FT-5001\", \"channel\": \"counter\", \"decidedAt\": "
            + "\"2026-11-22T05:00:01.456Z\", \"jws\": \"eyJhbGciOiJFUzI1NiIs...\"}";
    static final String STEP_UP = "{\"transactionId\": \"…\", \"operation\": \"VERIFY\", \"decision\": "
            + "\"STEP_UP_REQUIRED\", \"code\": \"FT-5003\", \"channel\": \"web\", \"decidedAt\": "
            + "\"2026-11-22T05:00:02.000Z\", \"stepUp\": {\"reasons\": [\"device.new\"]}, \"jws\": \"eyJ...\"}";
    static final String IDENTIFIED = "{\"transactionId\": \"…\", \"operation\": \"IDENTIFY\", \"decision\": \"MATCH\", "
            + "\"code\": \"FT-5000\", \"channel\": \"counter\", \"decidedAt\": \"2026-11-22T05:00:03.000Z\", "
            + "\"uid\": \"3f9a1c2e7b6d4e0f8a1b2c3d4e5f6a7b\", \"jws\": \"eyJ...\"}";
    static final String NO_CANDIDATE = "{\"transactionId\": \"…\", \"operation\": \"IDENTIFY\", \"decision\": "
            + "\"NO_MATCH\", \"code\": \"FT-5002\", \"channel\": \"counter\", \"decidedAt\": "
            + "\"2026-11-22T05:00:04.000Z\", \"jws\": \"eyJ...\"}";
    public static final String QUALITY = "{\"code\": \"FT-2003\", \"message\": \"the live face does not meet the "
            + "'verification' quality profile\", \"reasons\": [\"sharpness\"]}";
    public static final String NO_FACE = "{\"code\": \"FT-2001\", \"message\": \"no face found in the image\", "
            + "\"reasons\": []}";
    public static final String ATTACK = "{\"code\": \"FT-6001\", \"message\": \"The presentation was judged an attack; "
            + "the transaction was cancelled.\", \"reasons\": []}";
    public static final String UNAUTHENTICATED = "{\"code\": \"FT-3001\", \"message\": \"A valid bearer token is "
            + "required.\", \"reasons\": []}";
    public static final String FORBIDDEN = "{\"code\": \"FT-3002\", \"message\": \"The caller's roles do not allow this "
            + "operation.\", \"reasons\": []}";
    public static final String TOO_LARGE = "{\"code\": \"FT-3005\", \"message\": \"the request body exceeds 8388608 bytes\", "
            + "\"reasons\": [\"max-bytes:8388608\"]}";
    public static final String TOO_MANY = "{\"code\": \"FT-5101\", \"message\": \"too many failed attempts\", "
            + "\"reasons\": [\"retry-after:8\"]}";
    public static final String TIMEOUT = "{\"code\": \"FT-9002\", \"message\": \"the face analysis did not finish in time\", "
            + "\"reasons\": []}";
    static final String JWKS = "{\"keys\": [{\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\", "
            + "\"y\": \"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\", \"kid\": \"NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs\", "
            + "\"use\": \"sig\", \"alg\": \"ES256\"}]}";

    private RecognitionExamples() {
    }
}
