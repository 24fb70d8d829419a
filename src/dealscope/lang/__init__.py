"""Language tools shared by the ingest and extract stages: normalisation, sentences, numbers,
money, dates and the organisation gazetteer. They import nothing but `dealscope.domain`."""
